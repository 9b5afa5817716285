/** Address classification lives with the EHR transport (lib/ehr-http). */
export { classifyAddress, isIpLiteral, parseIPv4, parseIPv6, type AddressClass } from "../ehr-http/ip-address";
