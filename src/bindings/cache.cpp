// The Workers Cache API on SQLite: every cache (caches.default is the
// unnamed one, caches.open(name) the others) in APP_DIR/.kiln/cache.sqlite3,
// one row per (cache, URL) of GET responses. What is stored, for how long and
// what put refuses follow workerd as wrangler dev runs it (recorded in
// tests/conformance): s-maxage, else max-age, else Expires decides the
// lifetime; no-store, private, Set-Cookie or no lifetime at all mean the
// response is not stored; a 206 or `Vary: *` is a TypeError. Answers are the
// `cache` op's values (docs/bindings/ops.md, js/worker/bindings/cache.js);
// js/node/bindings/cache.js passes the clock.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <sqlite3.h>

#include "bindings/emulator.h"
#include "core/codec.h"

namespace kiln::emulation {
namespace {

Database& store(Emulator& emu) {
  return emu.database("cache.sqlite3",
      "CREATE TABLE IF NOT EXISTS entries (cache TEXT NOT NULL, url TEXT NOT NULL, status INTEGER NOT NULL,"
      " headers BLOB NOT NULL, body BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (cache, url)) WITHOUT ROWID");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// The value of directive name in a Cache-Control header (lower-cased): -1
// when absent, 0 for a bare directive, else its number of seconds.
long long directive(const std::string& cc, const std::string& name) {
  size_t pos = 0;
  while ((pos = cc.find(name, pos)) != std::string::npos) {
    bool starts = pos == 0 || cc[pos - 1] == ',' || cc[pos - 1] == ' ';
    size_t end = pos + name.size();
    if (starts && (end == cc.size() || cc[end] == ',' || cc[end] == ' ' || cc[end] == '=')) {
      if (end < cc.size() && cc[end] == '=') return std::strtoll(cc.c_str() + end + 1, nullptr, 10);
      return 0;
    }
    pos = end;
  }
  return -1;
}

// An HTTP date (IMF-fixdate) as epoch ms, or -1.
long long http_date_ms(const std::string& s) {
  static const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char month[4] = {0};
  int day, year, h, m, sec;
  if (std::sscanf(s.c_str(), "%*3s, %d %3s %d %d:%d:%d GMT", &day, month, &year, &h, &m, &sec) != 6) return -1;
  const char* found = std::strstr(kMonths, month);
  if (!found || month[0] == 0) return -1;
  std::tm t{};
  t.tm_year = year - 1900; t.tm_mon = static_cast<int>((found - kMonths) / 3); t.tm_mday = day;
  t.tm_hour = h; t.tm_min = m; t.tm_sec = sec;
  return static_cast<long long>(timegm(&t)) * 1000;
}

// [cache, url, status, [[name, value]...], body, now_ms]
void put(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  const Arg &cache = at(args, 0), &url = at(args, 1), &headers = at(args, 3), &body = at(args, 4);
  int64_t status = at(args, 2).i, now = at(args, 5).i;
  if (status == 206) throw BindingError("Cannot cache response to a range request (206 Partial Content).", "TypeError");
  std::string cc, expires;
  bool cookie = false;
  codec::Writer stored;
  stored.array(static_cast<uint32_t>(headers.items.size()));
  for (const Arg& pair : headers.items) {
    std::string name = lower(at(pair.items, 0).s);
    const std::string& value = at(pair.items, 1).s;
    if (name == "vary" && value.find('*') != std::string::npos) throw BindingError("Cannot cache response with 'Vary: *' header.", "TypeError");
    if (name == "cache-control") cc += (cc.empty() ? "" : ", ") + lower(value);
    if (name == "expires") expires = value;
    if (name == "set-cookie") cookie = true;
    stored.array(2); stored.str(name); stored.str(value);
  }
  out.nil();
  if (cookie || directive(cc, "no-store") >= 0 || directive(cc, "private") >= 0) return;
  long long ttl_ms = -1, s_maxage = directive(cc, "s-maxage"), max_age = directive(cc, "max-age");
  if (s_maxage >= 0) ttl_ms = s_maxage * 1000;
  else if (max_age >= 0) ttl_ms = max_age * 1000;
  else if (long long at_ms = http_date_ms(expires); at_ms >= 0) ttl_ms = at_ms - now;
  if (ttl_ms <= 0) return;
  Statement s(db, "INSERT OR REPLACE INTO entries (cache, url, status, headers, body, expires_ms) VALUES (?, ?, ?, ?, ?, ?)");
  s.bind_text(1, cache.s); s.bind_text(2, url.s); s.bind_int(3, status);
  s.bind_blob(4, stored.take()); s.bind_blob(5, body.s); s.bind_int(6, now + ttl_ms);
  s.step();
}

// Only GET requests match, unless ignore_method.
bool matches_method(const Arg& method, const Arg& ignore) {
  return ignore.tag == codec::kTrue || method.nil() || method.s == "GET";
}

// [cache, url, method, ignore_method, now_ms] -> {status, headers, body} or nil
void match(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  if (!matches_method(at(args, 2), at(args, 3))) return out.nil();
  Statement s(db, "SELECT status, headers, body FROM entries WHERE cache = ? AND url = ? AND expires_ms > ?");
  s.bind_text(1, at(args, 0).s); s.bind_text(2, at(args, 1).s); s.bind_int(3, at(args, 4).i);
  if (!s.step()) return out.nil();
  out.hash(3);
  out.str("status"); out.integer(s.column_int(0));
  out.str("headers"); out.raw(s.column_blob(1));
  out.str("body"); out.bytes(s.column_blob(2));
}

// [cache, url, method, ignore_method, now_ms] -> whether a live entry went
void remove(Database& db, const std::vector<Arg>& args, codec::Writer& out) {
  if (!matches_method(at(args, 2), at(args, 3))) return out.boolean(false);
  Statement s(db, "DELETE FROM entries WHERE cache = ? AND url = ? RETURNING expires_ms > ?");
  s.bind_text(1, at(args, 0).s); s.bind_text(2, at(args, 1).s); s.bind_int(3, at(args, 4).i);
  out.boolean(s.step() && s.column_int(0) != 0);
}

}  // namespace

void cache_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  Database& db = store(emu);
  const std::string& method = at(args, 1).s;
  std::vector<Arg> rest{args[0]};
  rest.insert(rest.end(), args.begin() + 2, args.end());
  if (method == "put") return put(db, rest, out);
  if (method == "match") return match(db, rest, out);
  if (method == "delete") return remove(db, rest, out);
  throw BindingError("Cache has no method " + method, "TypeError");
}

}  // namespace kiln::emulation
