// R2 on SQLite and files: each object's metadata is a row of
// APP_DIR/.kiln/r2.sqlite3 (one table for every bucket), its bytes a file
// APP_DIR/.kiln/r2/<version>, named by the object's random version, never by
// its key, so no key ("../x", "/etc/passwd") can reach outside that directory.
// A put writes the new file, then swaps the row in one transaction, then
// removes the old file: a crash leaves at worst an unreferenced file, which
// the next opening of the database removes (sweep_orphans).
// Limits and failures follow workerd's local R2 (miniflare) so code that
// works offline fails the same way on Workers. Answers are the `r2` op's
// values (docs/bindings/ops.md, js/worker/bindings/r2.js).
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <unordered_set>

#include "crypto/digest.h"
#include "bindings/emulator.h"

namespace kiln::emulation {
namespace {

constexpr size_t kMaxKey = 1024, kMaxCustomMetadata = 2048;
constexpr int64_t kMaxListKeys = 1000;
// The httpMetadata fields R2 keeps; others are dropped, as by workerd.
constexpr const char* kHttpFields[] = {"contentType", "contentLanguage", "contentDisposition", "contentEncoding", "cacheControl"};

// Object files no row names: left by a process killed between writing a
// put's file and committing its row (or before removing a replaced file).
// Only files older than a minute go, so a put another process is making
// right now (its row not yet committed) keeps its file.
void sweep_orphans(Emulator& emu, Database& db) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = emu.dir() + "/r2";
  if (!fs::is_directory(dir, ec)) return;
  std::unordered_set<std::string> versions;
  Statement s(db, "SELECT version FROM r2_objects");
  while (s.step()) versions.emplace(s.column_text(0));
  auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(1);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code file_ec;
    if (versions.count(it->path().filename().string()) || fs::last_write_time(it->path(), file_ec) > cutoff || file_ec) continue;
    fs::remove(it->path(), file_ec);
  }
}

Database& store(Emulator& emu) {
  // Metadata columns hold codec-encoded hashes, answered as they are.
  return emu.database("r2.sqlite3",
      "CREATE TABLE IF NOT EXISTS r2_objects (bucket TEXT NOT NULL, key TEXT NOT NULL, version TEXT NOT NULL,"
      " size INTEGER NOT NULL, etag TEXT NOT NULL, uploaded INTEGER NOT NULL, http_metadata BLOB NOT NULL,"
      " custom_metadata BLOB NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID",
      sweep_orphans);
}

// The R2 error workerd raises for a failed operation: "put: <message> (<code>)".
[[noreturn]] void fail(const char* op, const char* message, int code) {
  throw BindingError(std::string(op) + ": " + message + " (" + std::to_string(code) + ")");
}

void check_key(const char* op, const std::string& key) {
  if (key.size() > kMaxKey) fail(op, "The specified object name is not valid.", 10020);
}

std::string blob_path(Emulator& emu, const std::string& version) { return emu.dir() + "/r2/" + version; }

// Made on each put, not once: the state directory may be wiped in between.
void make_blob_dir(Emulator& emu) {
  std::string dir = emu.dir() + "/r2";
  if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) throw BindingError("cannot create " + dir + ": " + std::strerror(errno));
}

std::string new_version() {
  std::random_device random;
  std::string bytes(16, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  return digest::hex(bytes);
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// R2 measures custom metadata in UTF-16 units, doubled for a string with any
// character beyond U+00FF.
size_t serialised_length(const std::string& s) {
  size_t units = 0;
  bool wide = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xc0) == 0x80) continue;  // continuation byte
    units += c >= 0xf0 ? 2 : 1;        // 4-byte sequences are surrogate pairs
    if (c >= 0xc4) wide = true;        // U+0100 and up
  }
  return wide ? units * 2 : units;
}

// {field => String} (JS made the values Strings) as an encoded hash, keeping
// only the fields named in keep (all when keep is null).
std::string encode_fields(const Arg& hash, const char* const* keep, size_t nkeep, size_t* length = nullptr) {
  codec::Writer fields;
  uint32_t n = 0;
  for (size_t i = 0; i + 1 < hash.items.size(); i += 2) {
    const std::string& name = hash.items[i].s;
    const Arg& value = hash.items[i + 1];
    bool kept = keep == nullptr;
    for (size_t k = 0; k < nkeep && !kept; ++k) kept = name == keep[k];
    if (!kept) continue;
    if (length) *length += serialised_length(name) + serialised_length(value.s);
    fields.str(name);
    fields.str(value.s);
    ++n;
  }
  codec::Writer out;
  out.hash(n);
  out.raw(fields.take());
  return out.take();
}

// The columns every object answer starts with; metadata only when asked.
constexpr const char* kColumns = "key, size, etag, version, uploaded, http_metadata, custom_metadata";

// An upload time (epoch ms) as JS's Date#toISOString writes it: 2024-05-01T12:00:00.000Z.
std::string iso_time(int64_t ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  auto t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms - secs * 1000));
  return buf;
}

// An object as Ruby's R2Object reads it: {key, size, etag, version, uploaded
// (ISO time), http_metadata, custom_metadata} and, for get, body (written by
// the caller: with_body makes room for it). list answers objects without
// metadata, as R2 does unless asked.
void write_object(const Statement& s, codec::Writer& out, bool metadata, bool with_body = false) {
  out.hash(with_body ? 8 : 7);
  out.str("key"); out.str(s.column_text(0));
  out.str("size"); out.integer(s.column_int(1));
  out.str("etag"); out.str(s.column_text(2));
  out.str("version"); out.str(s.column_text(3));
  out.str("uploaded"); out.str(iso_time(s.column_int(4)));
  out.str("http_metadata");
  if (metadata) out.raw(s.column_blob(5)); else out.hash(0);
  out.str("custom_metadata");
  if (metadata) out.raw(s.column_blob(6)); else out.hash(0);
  if (with_body) out.str("body");
}

void write_file(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw BindingError("cannot write " + path + ": " + std::strerror(errno));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::remove(path.c_str());
    throw BindingError("cannot write " + path + ": " + std::strerror(errno));
  }
}

std::string read_file(const std::string& path, int64_t offset, int64_t length) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw BindingError("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes(static_cast<size_t>(length), '\0');
  bool ok = std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0 && std::fread(&bytes[0], 1, bytes.size(), f) == bytes.size();
  std::fclose(f);
  if (!ok) throw BindingError("cannot read " + path + ": the file is shorter than its object");
  return bytes;
}

// A transaction that rolls back unless committed.
struct Transaction {
  explicit Transaction(Database& db) : db(db) { db.exec("BEGIN IMMEDIATE"); }
  ~Transaction() { if (!done) try { db.exec("ROLLBACK"); } catch (...) {} }
  void commit() { db.exec("COMMIT"); done = true; }
  Database& db;
  bool done = false;
};

// [bucket, 'put', key, body, http_metadata, custom_metadata] -> object
void put(Emulator& emu, Database& db, const std::string& bucket, const std::vector<Arg>& args, codec::Writer& out) {
  const std::string& key = at(args, 2).s;
  const std::string& body = at(args, 3).s;
  check_key("put", key);
  size_t custom_length = 0;
  std::string custom = encode_fields(at(args, 5), nullptr, 0, &custom_length);
  if (custom_length > kMaxCustomMetadata) fail("put", "Your metadata headers exceed the maximum allowed metadata size.", 10012);
  std::string http = encode_fields(at(args, 4), kHttpFields, std::size(kHttpFields));
  std::string version = new_version();
  make_blob_dir(emu);
  write_file(blob_path(emu, version), body);
  std::string old;
  try {
    Transaction tx(db);
    {
      Statement previous(db, "SELECT version FROM r2_objects WHERE bucket = ? AND key = ?");
      previous.bind_text(1, bucket); previous.bind_text(2, key);
      if (previous.step()) old = previous.column_text(0);
    }
    {
      Statement s(db, std::string("INSERT OR REPLACE INTO r2_objects (bucket, key, version, size, etag, uploaded, http_metadata,"
                                  " custom_metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ") + kColumns);
      s.bind_text(1, bucket); s.bind_text(2, key); s.bind_text(3, version);
      s.bind_int(4, static_cast<long long>(body.size()));
      s.bind_text(5, digest::hex(digest::hash(digest::Algorithm::md5, body)));
      s.bind_int(6, now_ms());
      s.bind_blob(7, http); s.bind_blob(8, custom);
      s.step();
      write_object(s, out, true);
      while (s.step()) {}
    }
    tx.commit();
  } catch (...) {
    std::remove(blob_path(emu, version).c_str());
    throw;
  }
  if (!old.empty()) std::remove(blob_path(emu, old).c_str());
}

// A JS number as workerd prints it in messages: "-1", "2.7".
std::string number_text(const Arg& a) {
  if (a.tag != codec::kFloat) return std::to_string(a.i);
  char buf[32];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, a.f);
    if (std::strtod(buf, nullptr) == a.f) break;
  }
  return buf;
}

double number(const Arg& a) { return a.tag == codec::kFloat ? a.f : static_cast<double>(a.i); }

// workerd's own checks of one range field, before the request leaves the isolate.
int64_t range_field(const Arg& a, const char* invalid, const char* name) {
  double v = number(a);
  if (!(v >= 0)) throw BindingError(std::string(invalid) + name + " (" + number_text(a) + ") must be greater than or equal to 0.", "RangeError");
  if (v != std::trunc(v)) throw BindingError(std::string("Invalid range. ") + name + " (" + number_text(a) + ") must be an integer, not floating point.", "RangeError");
  return v > 9007199254740992.0 ? int64_t(1) << 53 : static_cast<int64_t>(v);
}

// R2's range rules: suffix is the last n bytes (all of them when n > size);
// offset defaults to 0, length to the rest; an empty or out-of-bounds range
// fails; a length past the end stops at the end.
void resolve_range(const Arg& offset_arg, const Arg& length_arg, const Arg& suffix_arg, int64_t size, int64_t& offset, int64_t& length) {
  offset = 0;
  length = size;
  if (offset_arg.nil() && length_arg.nil() && suffix_arg.nil()) return;
  if (!offset_arg.nil()) offset = range_field(offset_arg, "Invalid range. ", "Starting offset");
  if (!length_arg.nil()) length = range_field(length_arg, "Invalid range. ", "Length");
  else length = size - offset;
  if (!suffix_arg.nil()) {
    if (!offset_arg.nil()) throw BindingError("Suffix is incompatible with offset.", "TypeError");
    if (!length_arg.nil()) throw BindingError("Suffix is incompatible with length.", "TypeError");
    int64_t suffix = range_field(suffix_arg, "Invalid suffix. ", "Suffix");
    if (suffix == 0) fail("get", "The requested range is not satisfiable", 10039);
    if (suffix > size) suffix = size;
    offset = size - suffix;
    length = suffix;
  }
  if (offset > size || length <= 0) fail("get", "The requested range is not satisfiable", 10039);
  if (length > size - offset) length = size - offset;
}

// [bucket, 'get', key, offset, length, suffix] -> object + body, or nil
// [bucket, 'head', key] -> object, or nil
void get(Emulator& emu, Database& db, const std::string& bucket, const std::vector<Arg>& args, bool body, codec::Writer& out) {
  const std::string& key = at(args, 2).s;
  check_key(body ? "get" : "head", key);
  Statement s(db, std::string("SELECT ") + kColumns + " FROM r2_objects WHERE bucket = ? AND key = ?");
  s.bind_text(1, bucket); s.bind_text(2, key);
  if (!s.step()) return out.nil();
  if (!body) return write_object(s, out, true);
  int64_t offset, length;
  resolve_range(at(args, 3), at(args, 4), at(args, 5), s.column_int(1), offset, length);
  std::string bytes = length > 0 ? read_file(blob_path(emu, std::string(s.column_text(3))), offset, length) : std::string();
  write_object(s, out, true, true);
  out.bytes(bytes);
}

// [bucket, 'delete', [key, ...]] -> nil
void remove(Emulator& emu, Database& db, const std::string& bucket, const std::vector<Arg>& args, codec::Writer& out) {
  const auto& keys = at(args, 2).items;
  for (const Arg& k : keys) check_key("delete", k.s);
  std::vector<std::string> versions;
  {
    Transaction tx(db);
    for (const Arg& k : keys) {
      Statement s(db, "DELETE FROM r2_objects WHERE bucket = ? AND key = ? RETURNING version");
      s.bind_text(1, bucket); s.bind_text(2, k.s);
      while (s.step()) versions.emplace_back(s.column_text(0));
    }
    tx.commit();
  }
  for (const std::string& v : versions) std::remove(blob_path(emu, v).c_str());
  out.nil();
}

// [bucket, 'list', prefix, delimiter, cursor, limit]
//   -> {objects: [object...], truncated, cursor (nil when complete), delimited_prefixes: [prefix...]}
// With a delimiter, keys sharing the text up to the first delimiter after the
// prefix count as one entry, a delimited prefix; keys with a common start are
// adjacent in key order, so one ordered scan groups them.
void list(Database& db, const std::string& bucket, const std::vector<Arg>& args, codec::Writer& out) {
  const Arg &prefix_arg = at(args, 2), &delimiter_arg = at(args, 3), &after = at(args, 4), &limit_arg = at(args, 5);
  int64_t limit = kMaxListKeys;
  if (!limit_arg.nil()) {
    // workerd sends no negative limit: the default applies.
    double l = number(limit_arg);
    limit = l < 0 ? kMaxListKeys : l > kMaxListKeys ? kMaxListKeys + 1 : static_cast<int64_t>(l);
    if (limit < 1 || limit > kMaxListKeys) fail("list", "MaxKeys params must be positive integer <= 1000.", 10022);
  }
  const std::string prefix = prefix_arg.nil() ? std::string() : prefix_arg.s;
  const std::string delimiter = delimiter_arg.nil() ? std::string() : delimiter_arg.s;
  Statement s(db, std::string("SELECT ") + kColumns + " FROM r2_objects WHERE bucket = ?1"
                  " AND substr(CAST(key AS BLOB), 1, length(CAST(?2 AS BLOB))) = CAST(?2 AS BLOB)"
                  " AND (?3 IS NULL OR key > ?3) ORDER BY key");
  s.bind_text(1, bucket); s.bind_text(2, prefix);
  if (after.nil() || after.s.empty()) s.bind_null(3); else s.bind_text(3, from_cursor(after.s));
  codec::Writer objects, prefixes;
  uint32_t nobjects = 0, nprefixes = 0;
  int64_t entries = 0;
  std::string group, last;  // the current delimited prefix; the last key of the last entry
  bool truncated = false;
  while (s.step()) {
    std::string key(s.column_text(0));
    size_t cut = delimiter.empty() ? std::string::npos : key.find(delimiter, prefix.size());
    if (cut != std::string::npos) {
      std::string dlp = key.substr(0, cut + delimiter.size());
      if (entries > 0 && dlp == group) { last = key; continue; }  // same prefix, same entry
      if (entries == limit) { truncated = true; break; }
      group = dlp;
      prefixes.str(dlp);
      ++nprefixes;
    } else {
      if (entries == limit) { truncated = true; break; }
      group.clear();
      write_object(s, objects, false);
      ++nobjects;
    }
    last = key;
    ++entries;
  }
  out.hash(4);
  out.str("objects"); out.array(nobjects); out.raw(objects.take());
  out.str("truncated"); out.boolean(truncated);
  out.str("cursor"); if (truncated) out.str(to_cursor(last)); else out.nil();
  out.str("delimited_prefixes"); out.array(nprefixes); out.raw(prefixes.take());
}

}  // namespace

void r2_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  Database& db = store(emu);
  const std::string& bucket = at(args, 0).s;
  const std::string& method = at(args, 1).s;
  if (method == "put") return put(emu, db, bucket, args, out);
  if (method == "get") return get(emu, db, bucket, args, true, out);
  if (method == "head") return get(emu, db, bucket, args, false, out);
  if (method == "delete") return remove(emu, db, bucket, args, out);
  if (method == "list") return list(db, bucket, args, out);
  throw BindingError("R2 has no method " + method);
}

}  // namespace kiln::emulation
