# `require 'date'` (also bundled when a source names Date: CRuby's 'time',
# which Sinatra loads, requires 'date'; js/cli/build/libraries.js IMPLIED).
# Civil (proleptic Gregorian) dates over a Julian Day Number: new / civil,
# today, parse, iso8601, strptime, valid_date?, arithmetic (+ - >> <<,
# next_day, next_month...), ranges, strftime (lib/time.rb's). No DateTime
# (use Time), no Julian calendar before the 1582 reform, and no Rational
# (mruby has none): Date - Date is an Integer number of days.
require 'time'

class Date
  include Comparable

  class Error < ArgumentError; end

  MONTHNAMES = [nil] + Kiln::Strftime::MONTHS
  ABBR_MONTHNAMES = [nil] + Kiln::Strftime::MONTHS.map { |m| m[0, 3] }
  DAYNAMES = Kiln::Strftime::DAYS
  ABBR_DAYNAMES = DAYNAMES.map { |d| d[0, 3] }
  ITALY = 2_299_161

  class << self
    # Fliegel & Van Flandern: civil date <-> Julian Day Number.
    def civil_to_jd(y, m, d)
      a = (14 - m) / 12
      yy = y + 4800 - a
      mm = m + 12 * a - 3
      d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32_045
    end

    def jd_to_civil(jd)
      a = jd + 32_044
      b = (4 * a + 3) / 146_097
      c = a - 146_097 * b / 4
      d = (4 * c + 3) / 1461
      e = c - 1461 * d / 4
      m = (5 * e + 2) / 153
      [100 * b + d - 4800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1]
    end

    def valid_date?(y, m, d, _start = ITALY)
      return false unless y.is_a?(Integer) && m.is_a?(Integer) && d.is_a?(Integer)
      m += 13 if m < 0
      return false unless m >= 1 && m <= 12
      last = days_in_month(y, m)
      d = last + d + 1 if d < 0
      d >= 1 && d <= last
    end
    alias valid_civil? valid_date?

    def leap?(y)
      (y % 4).zero? && (y % 100 != 0 || (y % 400).zero?)
    end
    alias gregorian_leap? leap?

    def days_in_month(y, m)
      return 29 if m == 2 && leap?(y)
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    end

    def jd(jd = 0, _start = ITALY)
      d = allocate
      d.__send__(:init_jd, jd)
      d
    end

    def today(_start = ITALY)
      t = Time.now
      new(t.year, t.month, t.day)
    end

    def parse(str, _comp = true, _start = ITALY)
      h = Kiln::TimeParse.fields(str)
      raise Error, 'invalid date' unless h && h[:mon] && h[:mday]
      new(h[:year] || today.year, h[:mon], h[:mday])
    end

    def iso8601(str, _start = ITALY)
      m = str.to_s.match(/\A\s*(-?\d{4})-?(\d{2})-?(\d{2})/) or raise Error, 'invalid date'
      new(m[1].to_i, m[2].to_i, m[3].to_i)
    end

    def strptime(str = '-4712-01-01', fmt = '%F', _start = ITALY)
      h = Kiln::TimeParse.strptime(str, fmt) or raise Error, 'invalid date'
      return jd(civil_to_jd(h[:year] || today.year, 1, 1) + h[:yday] - 1) if h[:yday]
      new(h[:year] || today.year, h[:mon] || 1, h[:mday] || 1)
    end

    def _parse(str, _comp = true)
      Kiln::TimeParse.fields(str) || {}
    end
  end

  def initialize(year = -4712, month = 1, day = 1, _start = ITALY)
    raise TypeError, 'invalid date' unless year.is_a?(Integer) && month.is_a?(Integer) && day.is_a?(Integer)
    month += 13 if month < 0
    raise Error, 'invalid date' unless Date.valid_date?(year, month, day)
    day = Date.days_in_month(year, month) + day + 1 if day < 0
    init_jd(Date.civil_to_jd(year, month, day))
  end

  def self.civil(*args) new(*args) end

  attr_reader :jd, :year, :month, :day
  alias mon month
  alias mday day

  def wday; (@jd + 1) % 7; end
  def cwday; wday.zero? ? 7 : wday; end
  def yday; @jd - Date.civil_to_jd(@year, 1, 1) + 1; end
  def mjd; @jd - 2_400_001; end
  def ajd; @jd; end
  def leap?; Date.leap?(@year); end
  def start; ITALY; end

  # For strftime: a Date is midnight UTC.
  def hour; 0; end
  def min; 0; end
  alias minute min
  def sec; 0; end
  alias second sec
  def usec; 0; end
  def utc_offset; 0; end
  def offset; 0; end
  def zone; '+00:00'; end
  def to_i; (@jd - 2_440_588) * 86_400; end

  DAYNAMES.each_with_index { |name, i| define_method("#{name.downcase}?") { wday == i } }

  def +(n)
    raise TypeError, 'expected numeric' unless n.is_a?(Numeric)
    Date.jd(@jd + n.to_i)
  end

  def -(other)
    case other
    when Date then @jd - other.jd
    when Numeric then Date.jd(@jd - other.to_i)
    else raise TypeError, 'expected numeric or date'
    end
  end

  # Months later; the day is clamped to the month's last (Jan 31 >> 1 = Feb 29).
  def >>(n)
    raise TypeError, 'expected numeric' unless n.is_a?(Numeric)
    total = @year * 12 + (@month - 1) + n.to_i
    y = total / 12
    m = total % 12 + 1
    Date.new(y, m, [@day, Date.days_in_month(y, m)].min)
  end

  def <<(n) self >> -n end
  def next_day(n = 1) self + n end
  def prev_day(n = 1) self - n end
  def next_month(n = 1) self >> n end
  def prev_month(n = 1) self << n end
  def next_year(n = 1) self >> (n * 12) end
  def prev_year(n = 1) self << (n * 12) end
  def succ; self + 1; end
  alias next succ

  def <=>(other)
    case other
    when Date then @jd <=> other.jd
    when Numeric then @jd <=> other
    end
  end

  def ==(other) other.is_a?(Date) && @jd == other.jd end
  def ===(other) self == other end
  def eql?(other) self == other end
  def hash; @jd.hash; end

  def step(limit, by = 1)
    return to_enum(:step, limit, by) unless block_given?
    d = self
    while by > 0 ? d <= limit : d >= limit
      yield d
      d += by
    end
    self
  end

  def upto(max, &block) step(max, 1, &block) end
  def downto(min, &block) step(min, -1, &block) end

  def strftime(fmt = '%F') Kiln::Strftime.format(self, fmt.to_s) end
  def iso8601; strftime('%Y-%m-%d'); end
  alias xmlschema iso8601
  alias to_s iso8601
  def httpdate; strftime('%a, %d %b %Y 00:00:00 GMT'); end
  def rfc2822; strftime('%a, %-d %b %Y 00:00:00 +0000'); end
  alias rfc822 rfc2822
  def inspect; "#<Date: #{self} ((#{@jd}j,0s,0n),+0s,#{ITALY}j)>"; end
  def to_date; self; end
  def to_time; Time.local(@year, @month, @day); end

  private

  def init_jd(jd)
    @jd = jd
    @year, @month, @day = Date.jd_to_civil(jd)
  end
end

class Time
  def to_date
    Date.new(year, month, day)
  end
end
