/** Country and network of an address, as the gateway enriches each exchange with them. */
export type GeoLookup = (ip: string) => { country?: string; asn?: number; asnOrg?: string };
