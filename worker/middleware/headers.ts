// Security headers for the dashboard pages the Worker serves (static files get the same from _headers).

export const DASHBOARD_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

export const DASHBOARD_HEADERS = { contentSecurityPolicy: DASHBOARD_CSP, xFrameOptions: 'DENY', referrerPolicy: 'same-origin' };
