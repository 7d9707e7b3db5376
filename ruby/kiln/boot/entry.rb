# The entry points the C++ runtime (src/core/runtime.cpp) calls: one fiber
# per request (request_fiber) and per event (event_fiber), each answering in
# the shape the runtime writes to JS: a request's [status, headers, body,
# extras] (src/core/response.h write_response) or nil, an event's [ok, value].
# Last in the DSL load order (CMakeLists.txt KILN_RUBY): it calls into all of it.
module Kiln
  class << self
    # Called by the C++ runtime for each request: a fiber that runs the app
    # and returns the Rack triple, or nil when the request failed (logged
    # here; the runtime then sends its one 500 page, src/core/response.h).
    # Everything is rescued inside it, so an error in one request never
    # leaves the VM in a broken state.
    def request_fiber(env)
      Fiber.new do
        begin
          status, headers, body = env['kiln.durable_object'] ? DurableObject.dispatch(env) : app.call(env)
          body = body.is_a?(Stream) ? body.run(status, headers) : Kiln.body_string(body)
          [status, headers, body, response_extras(env)]
        rescue InvalidResponse => e
          # A streamed head the runtime refused: logged as write_response's.
          log_error(e.message)
          nil
        rescue ::Exception => e
          request_failed(e)
          nil
        end
      end
    end

    # What the runtime does besides sending the response, or nil (the extras
    # of src/core/response.h write_response): background work (wait_until), a
    # Durable Object that answers instead (forward_to), a WebSocket to accept
    # (accept_web_socket).
    def response_extras(env)
      background = env['kiln.background']
      forward = env['kiln.forward']
      websocket = env['kiln.websocket']
      return nil unless background || forward || websocket
      extras = {}
      extras['background'] = Events.defer(background) unless background.nil? || background.empty?
      extras['forward'] = forward if forward
      extras['websocket'] = true if websocket
      extras
    end

    # An exception no route or error handler caught (kiln test re-raises it
    # in the test that made the request).
    def request_failed(e)
      log_error(format_exception(e))
    end

    # A Rack body (each-able) as one String; nil for no body at all (the []
    # Response#finish answers for HEAD and the statuses without a body).
    def body_string(body)
      return body if body.is_a?(String)
      if body.is_a?(Array)
        return nil if body.empty?
        return body[0] if body.size == 1 && body[0].is_a?(String)
      end
      out = String.new
      body.each { |part| out << part.to_s } if body.respond_to?(:each)
      out
    end

    # Called by the C++ runtime for each event: a fiber answering [true,
    # value] or [false, {'name' =>, 'message' =>}], the shape of an await's
    # outcome (js/worker/kiln.js event rejects on false), so whatever the
    # handler returns, a Hash with an 'error' key included, is its value.
    def event_fiber(event)
      Fiber.new do
        begin
          [true, Events.dispatch(event)]
        rescue ::Exception => e
          log_error(format_exception(e))
          [false, { 'name' => e.class.to_s, 'message' => e.message }]
        end
      end
    end
  end
end
