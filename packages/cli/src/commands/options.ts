/** Commander collector for repeatable options: --service a --service b → ["a", "b"]. No default, so help stays clean. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
