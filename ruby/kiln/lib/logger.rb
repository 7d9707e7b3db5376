# `require 'logger'` (bundled when a source names Logger: Sinatra's logger
# middleware loads it in CRuby; js/cli/build/libraries.js IMPLIED). Logger
# as CRuby's, writing one line per message to an IO-like target: $stdout
# (the default for Logger.new(STDOUT) / $stdout / nil: the Worker's
# console.log, which `wrangler tail` and the dashboard show), $stderr
# (console.error), or anything with #write or #<<. A file name cannot be
# opened (a Worker has no files): the log goes to $stdout instead, and
# Logger.new says so once on $stderr.
require 'time'
module Kiln
  # $stdout / $stderr / STDOUT / STDERR, which mruby leaves undefined: the
  # Worker's console (console.log / console.error lines).
  class ConsoleIO
    def initialize(error) @error = error end

    def write(*strs)
      text = strs.join
      text.chomp.split("\n", -1).each { |line| @error ? Kiln.log_error(line) : Kernel.puts(line) }
      text.bytesize
    end

    def puts(*lines)
      lines = [''] if lines.empty?
      lines.flatten.each { |l| write(l.to_s.end_with?("\n") ? l.to_s : "#{l}\n") }
      nil
    end

    def print(*strs) write(*strs); nil end
    def <<(str) write(str.to_s); self end
    def flush; self; end
    def sync; true; end
    def sync=(_v) end
    def tty?; false; end
    alias isatty tty?
    def fileno; @error ? 2 : 1; end
  end
end

$stdout ||= Kiln::ConsoleIO.new(false)
$stderr ||= Kiln::ConsoleIO.new(true)
STDOUT = $stdout unless Object.const_defined?(:STDOUT)
STDERR = $stderr unless Object.const_defined?(:STDERR)

class Logger
  module Severity
    DEBUG = 0
    INFO = 1
    WARN = 2
    ERROR = 3
    FATAL = 4
    UNKNOWN = 5
  end
  include Severity

  SEV_LABEL = %w[DEBUG INFO WARN ERROR FATAL ANY].freeze

  class Formatter
    attr_accessor :datetime_format

    # "I, [2024-01-02T03:04:05.123456 #1]  INFO -- progname: message\n"
    def call(severity, time, progname, msg)
      stamp = datetime_format ? time.strftime(datetime_format) : Kiln::Strftime.format(time, '%Y-%m-%dT%H:%M:%S.%6N')
      "#{severity[0]}, [#{stamp} #1] #{severity.rjust(5)} -- #{progname}: #{msg2str(msg)}\n"
    end

    private

    def msg2str(msg)
      case msg
      when String then msg
      when Exception then "#{msg.message} (#{msg.class})\n#{(msg.backtrace || []).join("\n")}"
      else msg.inspect
      end
    end
  end

  attr_accessor :progname, :formatter, :datetime_format
  attr_reader :level

  def initialize(logdev = $stdout, shift_age = 0, shift_size = 0, level: DEBUG, progname: nil, formatter: nil, datetime_format: nil)
    if logdev.is_a?(String)
      $stderr.puts "kiln: Logger.new(#{logdev.inspect}): a Worker has no files; logging to $stdout (the console) instead"
      logdev = $stdout
    end
    @logdev = logdev
    self.level = level
    @progname = progname
    @formatter = formatter
    @datetime_format = datetime_format
  end

  def level=(severity)
    @level = case severity
             when Integer then severity
             when Symbol, String
               i = SEV_LABEL.index(severity.to_s.upcase) or raise ArgumentError, "invalid log level: #{severity}"
               i
             else raise ArgumentError, "invalid log level: #{severity}"
             end
  end
  alias sev_threshold= level=
  alias sev_threshold level

  def add(severity, message = nil, progname = nil)
    severity ||= UNKNOWN
    return true if @logdev.nil? || severity < @level
    progname ||= @progname
    if message.nil?
      if block_given?
        message = yield
      else
        message = progname
        progname = @progname
      end
    end
    write(format_message(SEV_LABEL[severity] || 'ANY', Time.now, progname, message))
    true
  end
  alias log add

  def <<(msg)
    write(msg.to_s)
  end

  %w[debug info warn error fatal unknown].each_with_index do |name, sev|
    define_method(name) { |progname = nil, &block| add(sev, nil, progname, &block) }
    define_method("#{name}?") { @level <= sev }
    define_method("#{name}!") { @level = sev }
  end

  def reopen(_logdev = nil) self end
  def close; end

  private

  def format_message(severity, time, progname, msg)
    f = @formatter || (@default_formatter ||= Formatter.new)
    f.datetime_format = @datetime_format if f.respond_to?(:datetime_format=) && @datetime_format
    f.call(severity, time, progname, msg)
  end

  def write(line)
    @logdev.respond_to?(:write) ? @logdev.write(line) : @logdev << line
  end
end
