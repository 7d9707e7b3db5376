# compat: rack_middleware/common_logger  (source: rack test/spec_common_logger.rb "log to rack.errors by default": one Apache common log line per request)
#
# request: GET /hello?x=1
# expect-status: 200
# expect-body: hi
#
# request: GET /log
# expect-status: 200
# expect-body-json: "- - - - \"GET /hello?x=1 HTTP/1.1\" 200 2"
class Capture
  LINES = []
  def self.write(line) = LINES << line
end

use Rack::CommonLogger, Capture

get('/hello') { 'hi' }
# The line without the client address, the time and the duration.
get('/log') { Capture::LINES.first.to_s.sub(/\A\S+/, '-').sub(/\[[^\]]*\]/, '-').sub(/ [\d.]+\s*\z/, '') }
