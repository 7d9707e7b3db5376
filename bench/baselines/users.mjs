// The ~2 KB document of the JSON route, built per request like the Ruby
// side does (bench/apps/kiln/workloads.rb, Workloads.users).
export function users(n = 20) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({ id: i, name: `user-${i}`, email: `user${i}@example.com`,
      active: i % 2 === 0, score: (i * 37) % 101, tags: ['alpha', `t${i % 5}`] });
  }
  return out;
}
