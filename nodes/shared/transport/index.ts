export { addressRisk, isLoopbackHost, type AddressRisk } from './address';
export { backoffDelay, parseRetryAfter } from './backoff';
export {
	NO_OVERRIDES,
	endpointRequest,
	overridesFor,
	readOverrides,
	type CallParts,
	type Endpoint,
	type Overrides,
} from './endpoint';
export { QueueHaltedError, RequestLimiter, type LimiterSettings } from './limiter';
export {
	DEFAULT_TRANSPORT_SETTINGS,
	Transport,
	type ApiRequest,
	type ApiResult,
	type RequestContext,
	type TransportSettings,
} from './request';
export { finpass, finpro, type VendorAnswer, type VendorProfile } from './vendors';
