/**
 * The renderer may load only its own bundled files from the app:// origin. No inline script or style (a
 * script injected through a rendered account name would otherwise run), no remote origin, no eval, no
 * plugins, no framing, no form posts anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');
