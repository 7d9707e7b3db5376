# Streaming responses: Sinatra's `stream { |out| ... }` and Server-Sent
# Events (`sse { |out| out.event(...) }`). The route returns a Kiln::Stream
# as its body; once the app has finished (after filters included), the
# request's fiber sends status + headers to JS (the `stream_open` await,
# answered at once: workerd gets a Response whose body is a ReadableStream)
# and then runs the block in the same fiber. Each `out << chunk` awaits
# `stream_write`, answered when the chunk is queued (backpressure), so the
# block can sleep and call bindings between chunks like any route code.
module Kiln
  class Stream
    # Thrown to stop the block when the client has gone away.
    CLOSED = :__kiln_stream_closed
    # stream(:keep_open) waits for its close in steps of this many seconds.
    KEEP_OPEN_WAKE = 30.0

    def initialize(keep_open = false, &block)
      @keep_open = keep_open
      @block = block
      @callbacks = []
      @id = nil
      @closed = false
    end

    # Queues a chunk. Once the client has gone the stream's own block is
    # stopped (its ensure clauses run) instead of writing on; a write from
    # another request (keep_open) is then dropped.
    def <<(data)
      @closed = true unless @closed || Kiln.await(:stream_write, @id, data.to_s)
      throw CLOSED if @closed && Fiber.current.equal?(@fiber)
      self
    end

    def write(data)
      self << data
      data.to_s.bytesize
    end

    def print(*data) data.each { |d| self << d }; nil end
    def puts(*data) data.each { |d| self << "#{d.to_s.chomp}\n" }; nil end

    def close
      return if @closed
      @closed = true
      Kiln.await(:stream_close, @id) if @id
      nil
    end

    # Whether the stream is closed: by `close`, or by the client.
    def closed?
      @closed ||= @id ? Kiln.await(:stream_closed, @id) : false
    end

    # Blocks run once the stream is closed (Sinatra's out.callback).
    def callback(&block)
      raise ArgumentError, 'callback needs a block' unless block
      @callbacks << block
    end
    alias errback callback

    # Rack body protocol, for code that treats the body as an Array of
    # chunks (never called on the request path: Response#finish keeps it).
    def each
      raise NotImplementedError, 'a streamed body is sent by the runtime, it cannot be iterated'
    end

    # Called by Kiln.request_fiber after the app returned [status, headers,
    # self]: opens the JS stream, runs the block, closes. An error after the
    # headers went out can no longer be a 500: it is logged, the stream closed.
    def run(status, headers)
      @fiber = Fiber.current
      # The head is checked and encoded as write_response does (an invalid
      # header raises Kiln::InvalidResponse: the request's 500).
      @id = Kiln.await(:stream_open, Kiln.__response_head(status, headers))
      begin
        catch(CLOSED) do
          @block.call(self)
          if @keep_open && !@closed
            nil until Kiln.await(:stream_wait, @id, KEEP_OPEN_WAKE)
          end
        end
      rescue ::Exception => e
        Kiln.log_error("kiln: error in a streamed response (headers already sent; the stream is closed): #{Kiln.format_exception(e)}")
      end
      close
      @callbacks.each do |cb|
        begin
          cb.call
        rescue ::Exception => e
          Kiln.log_error("kiln: stream callback failed: #{Kiln.format_exception(e)}")
        end
      end
      ''
    end

    # Server-Sent Events: out.event(data, event:, id:, retry:), out.comment
    # (the stream of an `sse` route is extended with it).
    module SSE
      # data: a String (split into one `data:` line per line) or any other
      # value, sent as JSON.
      # (`retry:` is a Ruby keyword, hence the options Hash.)
      def event(data, event: nil, id: nil, **options)
        unknown = options.keys - [:retry]
        raise ArgumentError, "unknown SSE field(s): #{unknown.join(', ')}" unless unknown.empty?
        retry_ms = options[:retry]
        text = String.new
        text << "event: #{SSE.field(event, :event)}\n" unless event.nil?
        text << "id: #{SSE.field(id, :id)}\n" unless id.nil?
        text << "retry: #{Integer(retry_ms)}\n" unless retry_ms.nil?
        data = JSON.generate(data) unless data.is_a?(String)
        SSE.lines(data).each { |line| text << "data: #{line}\n" }
        self << (text << "\n")
      end

      # A comment line (`: text`): ignored by EventSource, keeps proxies from
      # timing the connection out.
      def comment(text = '')
        out = String.new
        SSE.lines(text.to_s).each { |line| out << ": #{line}\n" }
        self << (out << "\n")
      end

      def self.lines(text)
        return [''] if text.empty?
        text.gsub("\r\n", "\n").tr("\r", "\n").split("\n", -1)
      end

      def self.field(value, name)
        value = value.to_s
        raise ArgumentError, "SSE #{name} must not contain a line break: #{value.inspect}" if value.include?("\n") || value.include?("\r")
        value
      end
    end
  end

  # Server-Sent Events read from a JS ReadableStream (a Workers AI stream):
  # each event's data parsed as JSON (the String itself when it is not
  # JSON); `[DONE]` ends it. Enumerable, read as it is iterated, once.
  class EventReader
    include Enumerable

    def initialize(id)
      @id = id
      @done = false
    end

    def each
      buffer = String.new
      until @done
        chunk = Kiln.await(:stream_read, @id)
        break @done = true if chunk.nil?
        buffer << chunk
        while (i = buffer.index("\n\n"))
          data = EventReader.data(buffer[0, i])
          buffer = buffer[i + 2, buffer.length]
          next if data.nil?
          break @done = true if data == '[DONE]'
          yield EventReader.parse(data)
        end
      end
      self
    ensure
      # Left early (break): release the JS stream.
      Kiln.await(:stream_cancel, @id) unless @done
      @done = true
    end

    # The data of one event block (nil: no data lines, e.g. a comment).
    def self.data(block)
      lines = block.split("\n").map { |l| l.chomp("\r") }.select { |l| l.start_with?('data:') }
      return nil if lines.empty?
      lines.map { |l| l[5] == ' ' ? l[6, l.length] : l[5, l.length] }.join("\n")
    end

    def self.parse(data)
      JSON.parse(data)
    rescue JSON::ParserError
      data
    end
  end

  # The route helpers (included into Kiln::Base in sinatra/helpers.rb).
  module Stream::Helpers
    # stream { |out| out << 'chunk'; sleep 1; out << 'more' }; stream(:keep_open)
    # leaves it open after the block until out.close or the client leaves.
    def stream(keep_open = false, &block)
      raise ArgumentError, 'stream needs a block' unless block
      # Cloudflare's edge (and wrangler dev, which mimics it) gzips text
      # responses, buffering the chunks: a stream is sent as it is written.
      headers['content-encoding'] ||= 'identity'
      current = @params
      app = self
      body Stream.new(keep_open) { |out|
        saved = app.params
        app.params = current
        begin
          block.call(out)
        ensure
          app.params = saved
        end
      }
    end

    # sse { |out| out.event({n: 1}, event: 'tick', id: '1') }: a text/event-stream.
    def sse(keep_open = false, &block)
      raise ArgumentError, 'sse needs a block' unless block
      content_type 'text/event-stream'
      headers['cache-control'] = 'no-cache'
      headers['x-accel-buffering'] = 'no'
      stream(keep_open) do |out|
        out.extend(Stream::SSE)
        block.call(out)
      end
    end
  end
end
