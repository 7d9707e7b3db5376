// Binding kinds, decided once per VM: js/worker/entry.js reads them from env
// at boot (bindingKinds); under node js/node/config.js reads them from
// wrangler.toml. Ruby gets the same {NAME: kind} at boot (`bindings.NAME`
// builds the wrapper of its kind, ruby/kiln/bindings/registry.rb), and the op
// table (./index.js) checks each call's binding against it (checkKind).

// The kind of each binding object in env, by the methods it has.
export function bindingKinds(env = {}) {
  const kinds = {};
  for (const [name, v] of Object.entries(env)) {
    if (!v || typeof v !== 'object' && typeof v !== 'function') continue;
    const has = (m) => typeof v[m] === 'function';
    if (has('prepare') && has('batch')) kinds[name] = 'd1';
    else if (has('createMultipartUpload') && has('head')) kinds[name] = 'r2';
    else if (has('getWithMetadata') && has('list')) kinds[name] = 'kv';
    else if (has('sendBatch') && has('send')) kinds[name] = 'queue';
    else if (has('idFromName') && has('get')) kinds[name] = 'durable_object';
    else if (has('run')) kinds[name] = 'ai';  // workerd's Ai has fetch too
    else if (has('fetch')) kinds[name] = 'service';
  }
  return kinds;
}

// A call's binding must be declared, and of the op's kind (Ruby code can
// build any wrapper: Kiln::Bindings::D1.new('CACHE')).
export function checkKind(kinds, name, kind) {
  const declared = kinds[name];
  if (declared === undefined) throw new ReferenceError(`no binding named ${name} (declare it in wrangler.toml)`);
  if (declared !== kind) throw new TypeError(`binding ${name} is not a ${kind} binding`);
}
