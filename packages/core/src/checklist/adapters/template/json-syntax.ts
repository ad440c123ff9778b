/**
 * Finds where a JSON text stops being valid JSON, with a message that is the same on every Node
 * version (V8's own messages change between releases and some carry no position at all).
 * Only called after JSON.parse has failed, so it favours clarity over speed.
 */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

class Problem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t", "u"]);

class Scanner {
  private at = 0;
  constructor(private readonly text: string) {}

  private describe(): string {
    return this.at >= this.text.length ? "the end of the file" : `'${this.text[this.at]}'`;
  }

  private fail(expected: string): never {
    throw new Problem(this.at, `expected ${expected}, found ${this.describe()}`);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.at] ?? "")) this.at++;
  }

  document(): void {
    this.skipWhitespace();
    this.value();
    this.skipWhitespace();
    if (this.at < this.text.length) this.fail("the end of the document");
  }

  private value(): void {
    const char = this.text[this.at];
    if (char === "{") this.object();
    else if (char === "[") this.array();
    else if (char === '"') this.string();
    else if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) this.number();
    else if (!this.literal("true") && !this.literal("false") && !this.literal("null")) this.fail("a value");
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private number(): void {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match || match[0] === "-") this.fail("a number");
    this.at += match[0].length;
  }

  private string(): void {
    this.at++;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) throw new Problem(this.at, "unterminated string");
      if (char === '"') break;
      if (char < " ") throw new Problem(this.at, "line break or control character inside a string");
      if (char === "\\") {
        if (!ESCAPES.has(this.text[this.at + 1] ?? ""))
          throw new Problem(this.at, "invalid escape sequence in a string");
        this.at++;
      }
      this.at++;
    }
    this.at++;
  }

  private object(): void {
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === "}") {
      this.at++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') this.fail("a property name in double quotes");
      this.string();
      this.skipWhitespace();
      if (this.text[this.at] !== ":") this.fail("':' after the property name");
      this.at++;
      this.skipWhitespace();
      this.value();
      this.skipWhitespace();
      const next = this.text[this.at];
      this.at++;
      if (next === "}") return;
      if (next !== ",") {
        this.at--;
        this.fail("',' or '}' after a property value");
      }
    }
  }

  private array(): void {
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === "]") {
      this.at++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      this.value();
      this.skipWhitespace();
      const next = this.text[this.at];
      this.at++;
      if (next === "]") return;
      if (next !== ",") {
        this.at--;
        this.fail("',' or ']' after an array item");
      }
    }
  }
}

export const findJsonSyntaxProblem = (text: string): JsonSyntaxProblem | undefined => {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return { offset: error.offset, message: error.message };
    throw error;
  }
};
