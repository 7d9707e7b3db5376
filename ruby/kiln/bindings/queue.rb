# Queues (producer): bindings.JOBS.send(body, delay_seconds: n), send_batch.
module Kiln
  module Bindings
    class Queue
      attr_reader :name

      def initialize(name) @name = name end

      def send(body, delay_seconds: nil)
        Kiln.await(:queue, @name, 'send', body, { 'delay_seconds' => delay_seconds })
      end

      def send_batch(bodies)
        Kiln.await(:queue, @name, 'send_batch', bodies.to_a)
      end
    end
    KINDS['queue'] = Queue
  end
end
