export { GeoIp, type GeoInfo, type GeoIpOptions } from './geoip.js';
export { createGeoControl, enrichClient, geoNeedsAsn } from './geo-control.js';
