/* strftime for the wasm builds. Its only caller is mruby-time (Time#to_s,
 * #inspect and the zone: "%Y-%m-%d %H:%M:%S %z", "%z", "%H%M"); there is no
 * Ruby-level Time#strftime in mruby 3.1. Emscripten's own strftime is ~6 KB
 * of JS in the glue every Worker uploads (1.5 KiB gzip); this is the subset
 * of C99 conversions that a numeric timestamp needs. An unsupported
 * conversion fails the call (returns 0, as when the result does not fit). */
#include <stddef.h>
#include <time.h>

static int put_num(char *s, size_t max, size_t *n, long v, int width) {
  char digits[24];
  int len = 0;
  do { digits[len++] = (char)('0' + v % 10); v /= 10; } while (v > 0 || len < width);
  if (*n + (size_t)len >= max) return 0;
  while (len > 0) s[(*n)++] = digits[--len];
  return 1;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm) {
  size_t n = 0;
  for (; *fmt; fmt++) {
    int ok;
    if (*fmt != '%') {
      ok = n + 1 < max;
      if (ok) s[n++] = *fmt;
    } else {
      switch (*++fmt) {
        case 'Y': {
          long y = tm->tm_year + 1900L;
          ok = 1;
          if (y < 0) { ok = n + 1 < max; if (ok) s[n++] = '-'; y = -y; }
          ok = ok && put_num(s, max, &n, y, 4);
          break;
        }
        case 'm': ok = put_num(s, max, &n, tm->tm_mon + 1, 2); break;
        case 'd': ok = put_num(s, max, &n, tm->tm_mday, 2); break;
        case 'H': ok = put_num(s, max, &n, tm->tm_hour, 2); break;
        case 'M': ok = put_num(s, max, &n, tm->tm_min, 2); break;
        case 'S': ok = put_num(s, max, &n, tm->tm_sec, 2); break;
        case 'z': {
          long off = tm->tm_gmtoff / 60;
          ok = n + 1 < max;
          if (ok) s[n++] = off < 0 ? '-' : '+';
          if (off < 0) off = -off;
          ok = ok && put_num(s, max, &n, off / 60 * 100 + off % 60, 4);
          break;
        }
        case '%': ok = n + 1 < max; if (ok) s[n++] = '%'; break;
        default: ok = 0;
      }
    }
    if (!ok) return 0;
  }
  if (max == 0) return 0;
  s[n] = '\0';
  return n;
}
