import type { ClientInfo } from '../../exchange/exchange.js';
import type { GeoRuleConfig } from '../../config/types.js';
import type { CheckResult, Control } from '../../pipeline/control.js';
import type { GeoIp } from './geoip.js';

/**
 * Country and ASN allow/deny lists. The control only reads ex.client.country / asn: the capture source fills
 * them once per exchange (see enrichClient), so the control stays synchronous and database-free.
 *
 * Unknown origin (private address, gap in the data, enrichment not run): an allow-list refuses (fail-closed),
 * a deny-list passes (fail-open). Deny lists are checked before allow lists; country and ASN rules must both pass.
 */
export function createGeoControl(rule: GeoRuleConfig, mode: 'enforce' | 'monitor'): Control {
  const denyCountries = upperSet(rule.deny_countries);
  const allowCountries = upperSet(rule.allow_countries);
  const denyAsns = rule.deny_asns ? new Set(rule.deny_asns) : undefined;
  const allowAsns = rule.allow_asns ? new Set(rule.allow_asns) : undefined;
  return {
    id: 'geo',
    phase: 'headers',
    mode,
    check(ex): CheckResult {
      const { country, asn } = ex.client;
      if (country !== undefined && denyCountries?.has(country))
        return refusal('geo.country-denied', 'requests from this country are not accepted', 'client:country', country);
      if (allowCountries && (country === undefined || !allowCountries.has(country)))
        return country === undefined
          ? refusal('geo.country-unknown', 'the client country is unknown and only listed countries are accepted', 'client:country')
          : refusal('geo.country-not-allowed', 'requests from this country are not accepted', 'client:country', country);
      if (asn !== undefined && denyAsns?.has(asn))
        return refusal('geo.asn-denied', 'requests from this network are not accepted', 'client:asn', `AS${asn}`);
      if (allowAsns && (asn === undefined || !allowAsns.has(asn)))
        return asn === undefined
          ? refusal('geo.asn-unknown', 'the client network is unknown and only listed networks are accepted', 'client:asn')
          : refusal('geo.asn-not-allowed', 'requests from this network are not accepted', 'client:asn', `AS${asn}`);
      return undefined;
    },
  };
}

/** Whether a rule needs the ASN table (GeoIp.open({ asn: true })). */
export function geoNeedsAsn(rule: GeoRuleConfig | undefined): boolean {
  return Boolean(rule?.allow_asns?.length || rule?.deny_asns?.length);
}

/** Fills client.country / asn / asnOrg from the databases; for the capture source, before controls run. */
export function enrichClient(client: ClientInfo, geo: GeoIp): void {
  const info = geo.lookup(client.ip);
  if (info.country !== undefined) client.country = info.country;
  if (info.asn !== undefined) client.asn = info.asn;
  if (info.asnOrg !== undefined) client.asnOrg = info.asnOrg;
}

function upperSet(list: string[] | undefined): Set<string> | undefined {
  return list ? new Set(list.map((c) => c.toUpperCase())) : undefined;
}

function refusal(rule: string, message: string, location: string, evidence?: string): CheckResult {
  return { rule, message, location, status: 403, ...(evidence !== undefined ? { evidence } : {}) };
}
