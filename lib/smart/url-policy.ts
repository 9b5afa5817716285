/** The URL policy lives with the EHR transport (lib/ehr-http), which applies it at the socket. */
export {
  STRICT_URL_POLICY,
  checkEndpointUrl,
  isAddressAllowed,
  resolvesToAllowedAddress,
  type LookupAll,
  type UrlPolicy,
} from "../ehr-http/url-policy";
