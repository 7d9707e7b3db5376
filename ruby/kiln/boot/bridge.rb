# The one await primitive. Every JS-backed call (sleep, bindings, fetch...)
# goes through Kiln.await: the request's fiber yields [operation, args] to the
# C++ runtime, JS runs the operation and resumes the fiber with the outcome.
module Kiln
  # A JS operation failed; #js_name is the JS error's name.
  class JSError < Error
    attr_reader :js_name

    def initialize(message, js_name = 'Error')
      super(message)
      @js_name = js_name
    end
  end

  # Raised where a fiber cannot be suspended (outside a request, or inside a
  # block called from a C-implemented method), or where JS will not perform
  # the op it awaits (anything but storage inside state.storage.transaction:
  # JS answers with the error name 'Kiln::AwaitError').
  class AwaitError < Error; end

  # Called by the C++ runtime to run a request's fiber to its next await.
  def self.__step(fiber, value)
    fiber.resume(value)
  end

  def self.await(operation, *args)
    ok, value = begin
      Fiber.yield([operation.to_s, args])
    rescue FiberError => e
      raise AwaitError, await_error_message(operation, e)
    end
    return value if ok
    raise AwaitError, value['message'] if value['name'] == 'Kiln::AwaitError'
    raise JSError.new("#{value['name']}: #{value['message']}", value['name'])
  end

  def self.await_error_message(operation, error)
    method = __blocking_method
    where = method ? "inside a block called by the C-implemented method `#{method}`" : 'inside a block called from C (such as a Hash default block)'
    "cannot await #{operation} #{where}: mruby cannot suspend across C frames. Move the call out of that " \
      'block (compute the value first, or use each/map/times/while, which are Ruby and can await)'
  end
end

# Kernel#sleep is an await like any other JS-backed call, so it lives with
# Kiln.await rather than in boot/core_ext/ (which never calls into Kiln).
module Kernel
  # Non-blocking: the isolate serves other requests meanwhile.
  def sleep(seconds = nil)
    raise ArgumentError, 'sleep forever is not supported in a Worker' if seconds.nil?
    raise ArgumentError, 'time interval must not be negative' if seconds < 0
    Kiln.await(:sleep, seconds.to_f)
    seconds.round
  end
end
