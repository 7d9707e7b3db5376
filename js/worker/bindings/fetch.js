// Outgoing HTTP, the `fetch` op (docs/bindings/ops.md) for
// ruby/kiln/bindings/fetch.rb: fetch(url, {method, headers, body}) ->
// {status, url, headers: [[k, v]...], body: bytes}. The same global fetch
// under node: not emulated.
import { opts, responseValue } from './values.js';

export async function fetchOp([url, init]) {
  return responseValue(await fetch(url, opts({ method: init?.method, headers: init?.headers, body: init?.body })));
}
