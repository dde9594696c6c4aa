// The baseline of `npm run bench`: a Worker that only answers 302, run by the bench as a Worker of its own, so the
// invitation link is measured against the least any Worker can do, and no bench route ships in edgeref itself.
export default {
  fetch: () => new Response(null, { status: 302, headers: { Location: 'https://example.com/', 'Cache-Control': 'no-store' } }),
} satisfies ExportedHandler;
