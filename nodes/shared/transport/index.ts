export { backoffDelay, parseRetryAfter } from './backoff';
export { RequestLimiter, type LimiterSettings } from './limiter';
export {
	DEFAULT_TRANSPORT_SETTINGS,
	Transport,
	type ApiRequest,
	type ApiResult,
	type RequestContext,
	type TransportSettings,
} from './request';
export { finpass, finpro, type VendorAnswer, type VendorProfile } from './vendors';
