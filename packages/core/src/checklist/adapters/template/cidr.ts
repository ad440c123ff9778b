import { type UnknownValue, unknownValue } from "../../model/value";

const toNumber = (address: string): number | undefined => {
  const octets = address.split(".").map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
};

const toAddress = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");

/**
 * Fn::Cidr for IPv4: `count` consecutive subnets with `cidrBits` host bits carved from `block`.
 * Returns an error message for invalid input; IPv6 blocks are left unknown.
 */
export const cidrSubnets = (block: string, count: number, cidrBits: number): string[] | UnknownValue | string => {
  if (block.includes(":")) return unknownValue(`Fn::Cidr of the IPv6 block ${block} is not computed`);
  const [address, prefixText] = block.split("/");
  const base = toNumber(address);
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return `${block} is not an IPv4 CIDR block`;
  const subnetPrefix = 32 - cidrBits;
  if (!Number.isInteger(cidrBits) || subnetPrefix < prefix || cidrBits < 0)
    return `cidrBits ${cidrBits} does not fit in ${block}`;
  if (!Number.isInteger(count) || count < 1 || count > 2 ** (subnetPrefix - prefix))
    return `${block} has no room for ${count} subnets of /${subnetPrefix}`;
  const size = 2 ** cidrBits;
  const start = prefix === 0 ? 0 : base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${toAddress(start + i * size)}/${subnetPrefix}`);
};
