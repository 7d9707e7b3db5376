# `require 'time'` (also bundled when a source uses Time.parse, #iso8601,
# #strftime...: Sinatra loads 'time' itself, js/cli/build/libraries.js
# IMPLIED). What CRuby's Time has and mruby 3.1's lacks: #strftime,
# #iso8601 / #xmlschema, #rfc2822, #utc_offset, Time.parse / iso8601 /
# rfc2822 / strptime. Time.httpdate and #httpdate are in the DSL
# (ruby/kiln/sinatra/utils.rb). A Worker's clock is UTC and mruby's Time
# has no fixed offsets: a parsed "+09:00" becomes the same instant in UTC.
module Kiln
  # strftime over a field source (a Time, or a Date from lib/date.rb): year,
  # month, day, wday, yday, hour, min, sec, usec, to_i, utc_offset.
  module Strftime
    DAYS = %w[Sunday Monday Tuesday Wednesday Thursday Friday Saturday].freeze
    MONTHS = %w[January February March April May June July August September October November December].freeze

    extend self

    def format(t, fmt)
      out = String.new
      i = 0
      n = fmt.length
      while i < n
        c = fmt[i]
        if c != '%' || i + 1 >= n
          out << c
          i += 1
          next
        end
        i += 1
        flags = String.new
        while i < n && '-_0^#:'.include?(fmt[i])
          flags << fmt[i]
          i += 1
        end
        width = nil
        digits = String.new
        while i < n && fmt[i] >= '0' && fmt[i] <= '9'
          digits << fmt[i]
          i += 1
        end
        width = digits.to_i unless digits.empty?
        conv = fmt[i]
        i += 1
        out << field(t, conv, flags, width)
      end
      out
    end

    def field(t, conv, flags, width)
      case conv
      when 'Y' then num(t.year, flags, width || 1, '0')
      when 'C' then num(t.year / 100, flags, width || 2, '0')
      when 'y' then num(t.year % 100, flags, width || 2, '0')
      when 'm' then num(t.month, flags, width || 2, '0')
      when 'd' then num(t.day, flags, width || 2, '0')
      when 'e' then num(t.day, flags, width || 2, ' ')
      when 'j' then num(t.yday, flags, width || 3, '0')
      when 'H' then num(t.hour, flags, width || 2, '0')
      when 'k' then num(t.hour, flags, width || 2, ' ')
      when 'I' then num((t.hour % 12).zero? ? 12 : t.hour % 12, flags, width || 2, '0')
      when 'l' then num((t.hour % 12).zero? ? 12 : t.hour % 12, flags, width || 2, ' ')
      when 'M' then num(t.min, flags, width || 2, '0')
      when 'S' then num(t.sec, flags, width || 2, '0')
      when 'L' then frac(t.usec, width || 3)
      when 'N' then frac(t.usec, width || 9)
      when 'z' then offset(t.utc_offset, flags)
      when 'Z' then t.utc_offset.zero? ? 'UTC' : ''
      when 'A' then text(DAYS[t.wday], flags, width)
      when 'a' then text(DAYS[t.wday][0, 3], flags, width)
      when 'B' then text(MONTHS[t.month - 1], flags, width)
      when 'b', 'h' then text(MONTHS[t.month - 1][0, 3], flags, width)
      when 'p' then text(t.hour < 12 ? 'AM' : 'PM', flags, width)
      when 'P' then t.hour < 12 ? 'am' : 'pm'
      when 'u' then num(t.wday.zero? ? 7 : t.wday, flags, width || 1, '0')
      when 'w' then num(t.wday, flags, width || 1, '0')
      when 's' then num(t.to_i, flags, width || 1, '0')
      when 'U' then num((t.yday - 1 - t.wday + 7) / 7, flags, width || 2, '0')
      when 'W' then num((t.yday - 1 - (t.wday - 1) % 7 + 7) / 7, flags, width || 2, '0')
      when 'F' then format(t, '%Y-%m-%d')
      when 'D', 'x' then format(t, '%m/%d/%y')
      when 'T', 'X' then format(t, '%H:%M:%S')
      when 'R' then format(t, '%H:%M')
      when 'r' then format(t, '%I:%M:%S %p')
      when 'c' then format(t, '%a %b %e %H:%M:%S %Y')
      when 'n' then "\n"
      when 't' then "\t"
      when '%' then '%'
      else "%#{flags}#{width}#{conv}"
      end
    end

    def num(v, flags, width, pad)
      s = v.abs.to_s
      pad = ' ' if flags.include?('_')
      pad = '0' if flags.include?('0')
      s = pad * (width - s.length - (v < 0 ? 1 : 0)) + s unless flags.include?('-') || s.length >= width
      v < 0 ? "-#{s}" : s
    end

    def frac(usec, width)
      s = format_usec(usec)
      width <= 6 ? s[0, width] : s + '0' * (width - 6)
    end

    def format_usec(usec)
      s = usec.to_s
      '0' * (6 - s.length) + s
    end

    def text(s, flags, width)
      s = s.upcase if flags.include?('^')
      s = s.swapcase if flags.include?('#')
      width && s.length < width ? ' ' * (width - s.length) + s : s
    end

    def offset(off, flags)
      sign = off < 0 ? '-' : '+'
      off = off.abs
      h = off / 3600
      m = off % 3600 / 60
      sep = flags.include?(':') ? ':' : ''
      "#{sign}#{h < 10 ? '0' : ''}#{h}#{sep}#{m < 10 ? '0' : ''}#{m}"
    end
  end

  # Time.parse / strptime: the fields found in a String.
  module TimeParse
    MONTHS = %w[jan feb mar apr may jun jul aug sep oct nov dec].freeze
    ZONES = { 'UTC' => 0, 'GMT' => 0, 'Z' => 0, 'UT' => 0, 'EST' => -5, 'EDT' => -4, 'CST' => -6, 'CDT' => -5,
              'MST' => -7, 'MDT' => -6, 'PST' => -8, 'PDT' => -7 }.freeze

    extend self

    # Date._parse's common shapes: ISO 8601 ("2020-01-02T03:04:05.123+09:00",
    # "2020-01-02 03:04"), RFC 2822 / HTTP dates ("Thu, 02 Jan 2020 03:04:05
    # GMT"), "Jan 2 2020 3pm", "2020/01/02", "02 Jan 2020". Returns a Hash
    # (year mon mday hour min sec usec offset) or nil.
    def fields(str)
      s = str.to_s.strip
      h = {}
      if (m = s.match(/(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|[A-Za-z]{1,4})?\s*$/)) ||
         (m = s.match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/))
        h[:year] = m[1].to_i
        h[:mon] = m[2].to_i
        h[:mday] = m[3].to_i
        clock(h, m[4], m[5], m[6], m[7])
        zone(h, m[8])
        return h
      end
      if (m = s.match(%r{(\d{4})/(\d{1,2})/(\d{1,2})}))
        h[:year], h[:mon], h[:mday] = m[1].to_i, m[2].to_i, m[3].to_i
      elsif (m = s.match(%r{(\d{1,2})/(\d{1,2})/(\d{4})}))
        h[:year], h[:mon], h[:mday] = m[3].to_i, m[1].to_i, m[2].to_i # US order, as Date._parse does not: see docs
      elsif (m = s.match(/(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3})[a-z]*\.?[\s-]+(-?\d+)/))
        h[:mday], h[:mon], h[:year] = m[1].to_i, month(m[2]), year(m[3])
      elsif (m = s.match(/([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(-?\d{4})/))
        h[:mon], h[:mday], h[:year] = month(m[1]), m[2].to_i, m[3].to_i
      elsif (m = s.match(/([A-Za-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})/)) # asctime
        h[:mon], h[:mday], h[:year] = month(m[1]), m[2].to_i, m[6].to_i
      elsif (m = s.match(/([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/))
        h[:mon], h[:mday] = month(m[1]), m[2].to_i
      end
      return nil if h[:mon].nil? && !(s =~ /\d{1,2}:\d{2}/)
      if (m = s.match(/(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([ap]\.?m\.?)?(?:\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})\b)?/i))
        clock(h, m[1], m[2], m[3], m[4])
        h[:hour] = h[:hour] % 12 + (m[5].downcase.start_with?('p') ? 12 : 0) if m[5]
        zone(h, m[6])
      elsif (m = s.match(/\b(\d{1,2})\s*([ap])\.?m\b/i))
        h[:hour] = m[1].to_i % 12 + (m[2].downcase == 'p' ? 12 : 0)
      end
      h
    end

    def clock(h, hour, min, sec, frac)
      return unless hour
      h[:hour] = hour.to_i
      h[:min] = min.to_i
      h[:sec] = sec.to_i
      h[:usec] = (frac + '000000')[0, 6].to_i if frac
    end

    def zone(h, z)
      return unless z
      if ZONES.key?(z.upcase)
        h[:offset] = ZONES[z.upcase] * 3600
      elsif (m = z.match(/^([+-])(\d{2}):?(\d{2})?$/))
        h[:offset] = (m[1] == '-' ? -1 : 1) * (m[2].to_i * 3600 + m[3].to_i * 60)
      end
    end

    def month(name)
      i = MONTHS.index(name.to_s[0, 3].downcase) or raise ArgumentError, "no time information in #{name.inspect}"
      i + 1
    end

    def year(s)
      y = s.to_i
      s.length <= 2 ? (y < 50 ? 2000 + y : 1900 + y) : y
    end

    # strptime's directives: %Y %m %d %e %j %H %I %M %S %L %N %p %z %Z %b %B %a
    # %A %y %s %F %T %D %R %%. Returns the fields Hash, or nil if str does not match.
    def strptime(str, fmt)
      h = {}
      s = str.to_s
      pos = 0
      i = 0
      while i < fmt.length
        c = fmt[i]
        if c == '%' && i + 1 < fmt.length
          i += 1
          i += 1 while fmt[i] == '-' || fmt[i] == '_' # %-d: the width never matters when reading
          d = fmt[i]
          i += 1
          expand = { 'F' => '%Y-%m-%d', 'T' => '%H:%M:%S', 'D' => '%m/%d/%y', 'R' => '%H:%M' }[d]
          if expand
            fmt = expand + fmt[i, fmt.length]
            i = 0
            next
          end
          rest = s[pos, s.length] || ''
          m = case d
              when 'Y' then rest.match(/\A[+-]?\d+/)
              when 'm', 'd', 'e', 'H', 'I', 'M', 'S', 'y', 'k', 'l' then rest.match(/\A\s?\d{1,2}/)
              when 'j' then rest.match(/\A\d{1,3}/)
              when 'L', 'N' then rest.match(/\A\d+/)
              when 's' then rest.match(/\A-?\d+/)
              when 'p', 'P' then rest.match(/\A[AaPp]\.?[Mm]\.?/)
              when 'z' then rest.match(/\A(Z|[+-]\d{2}:?\d{2}|[A-Za-z]+)/)
              when 'Z' then rest.match(/\A[A-Za-z+\-:0-9]+/)
              when 'b', 'B', 'h', 'a', 'A' then rest.match(/\A[A-Za-z]+/)
              when '%' then rest.match(/\A%/)
              else raise ArgumentError, "strptime: unsupported directive %#{d}"
              end
          return nil unless m
          v = m[0]
          pos += v.length
          case d
          when 'Y' then h[:year] = v.to_i
          when 'y' then h[:year] = year(v.strip)
          when 'm' then h[:mon] = v.to_i
          when 'd', 'e' then h[:mday] = v.to_i
          when 'j' then h[:yday] = v.to_i
          when 'H', 'k' then h[:hour] = v.to_i
          when 'I', 'l' then h[:hour12] = v.to_i
          when 'M' then h[:min] = v.to_i
          when 'S' then h[:sec] = v.to_i
          when 'L', 'N' then h[:usec] = (v + '000000')[0, 6].to_i
          when 's' then h[:seconds] = v.to_i
          when 'p', 'P' then h[:pm] = v.downcase.start_with?('p')
          when 'z', 'Z' then zone(h, v)
          when 'b', 'B', 'h' then h[:mon] = month(v)
          end
        else
          return nil unless s[pos] == c || (c == ' ' && s[pos] =~ /\s/)
          pos += 1
          i += 1
        end
      end
      h[:hour] = h.delete(:hour12) % 12 + (h[:pm] ? 12 : 0) if h[:hour12]
      h[:hour] += 12 if h[:pm] && h[:hour] && h[:hour] < 12 && !h.key?(:hour12)
      h
    end

    # A Time (UTC, the instant the fields name) from parsed fields; missing
    # date parts come from now (as Time.parse).
    def to_time(h, now = Time.now)
      return Time.at(h[:seconds]) if h[:seconds]
      year = h[:year] || now.year
      mon = h[:mon] || (h[:year] ? 1 : now.month)
      mday = h[:mday] || (h[:mon] || h[:year] ? 1 : now.day)
      if h[:yday]
        t = Time.gm(year, 1, 1) + (h[:yday] - 1) * 86_400
        mon = t.month
        mday = t.day
      end
      raise ArgumentError, 'argument out of range' unless (1..12).include?(mon) && (1..31).include?(mday)
      t = Time.gm(year, mon, mday, h[:hour] || 0, h[:min] || 0, h[:sec] || 0, h[:usec] || 0)
      h[:offset] ? t - h[:offset] : t
    end
  end
end

class Time
  unless method_defined?(:strftime)
    def strftime(fmt)
      Kiln::Strftime.format(self, fmt.to_s)
    end
  end

  # A Worker's local time is UTC (mruby's Time has no other offsets).
  def utc_offset
    0
  end
  alias gmt_offset utc_offset
  alias gmtoff utc_offset

  def iso8601(fraction_digits = 0)
    s = strftime('%Y-%m-%dT%H:%M:%S')
    s << '.' << Kiln::Strftime.frac(usec, fraction_digits) if fraction_digits > 0
    s << 'Z'
  end
  alias xmlschema iso8601

  def rfc2822
    strftime('%a, %d %b %Y %H:%M:%S -0000')
  end
  alias rfc822 rfc2822

  def to_time
    self
  end

  # [sec, min, hour, day, month, year, wday, yday, isdst, zone]
  def to_a
    [sec, min, hour, day, month, year, wday, yday, false, zone]
  end

  class << self
    def parse(str, now = nil)
      h = Kiln::TimeParse.fields(str) or raise ArgumentError, "no time information in #{str.inspect}"
      Kiln::TimeParse.to_time(h, now || Time.now)
    end

    def strptime(str, fmt, now = nil)
      h = Kiln::TimeParse.strptime(str, fmt.to_s) or raise ArgumentError, "invalid date or strptime format - `#{str}' `#{fmt}'"
      Kiln::TimeParse.to_time(h, now || Time.now)
    end

    def iso8601(str)
      s = str.to_s
      raise ArgumentError, "invalid xmlschema format: #{s.inspect}" unless s =~ /\A-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?\z/
      parse(s)
    end
    alias xmlschema iso8601

    def rfc2822(str)
      s = str.to_s
      raise ArgumentError, "not RFC 2822 compliant date: #{s.inspect}" unless s =~ /\A\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{2}:\d{2}(:\d{2})?\s+([+-]\d{4}|[A-Z]{1,3})\s*\z/
      parse(s)
    end
    alias rfc822 rfc2822
  end
end
