/**
 * The SMART App Launch client, in the order of the S4S walkthrough:
 * discover → register → authorizeUrl → (callback) authorizationResponse → exchangeCode → refresh → revoke.
 * Free of Next.js, React and Prisma; every network call is bounded in time and size.
 */
export { discover, type DiscoverOptions, type SmartConfiguration } from "./discovery";
export { register, type ClientRegistration, type RegisterOptions } from "./registration";
export {
  authorizeUrl,
  authorizationResponse,
  codeChallengeFor,
  createPkce,
  createState,
  type AuthorizeUrlParams,
} from "./authorize";
export {
  exchangeCode,
  refresh,
  revoke,
  type ExchangeCodeParams,
  type RefreshParams,
  type RevokeParams,
  type TokenSet,
} from "./token";
export {
  TOKEN_ENDPOINT_AUTH_METHODS,
  basicEncodingMatters,
  clientAuthentication,
  generateClientKeyPair,
  signClientAssertion,
  type BasicAuthEncoding,
  type ClientAuthentication,
  type ClientCredentials,
  type ClientKeyAlgorithm,
  type TokenEndpointAuthMethod,
} from "./client-auth";
export { compareGrantedScope, defaultScope, SCOPE_CONSEQUENCES, isValidFhirId, type ScopeComparison, type ScopeConsequence } from "./scopes";
export {
  STRICT_URL_POLICY,
  checkEndpointUrl,
  isAddressAllowed,
  resolvesToAllowedAddress,
  type LookupAll,
  type UrlPolicy,
} from "../ehr-http/url-policy";
export { classifyAddress, type AddressClass } from "../ehr-http/ip-address";
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, requestJson, requestText, type HttpOptions } from "./http";
export type { Result, SmartError, SmartErrorKind } from "./result";
export { technicalDescription } from "./describe-error";
