# The app's entry: `kiln build` runs this file (it wins over app.rb), as
# rackup does. See docs/guide/middleware.md.
require './app'
require 'rack/cors'

use Rack::CommonLogger                  # one access-log line per request (wrangler tail)
use Rack::Deflater                      # gzip when the client accepts it
use Rack::ETag                          # weak ETags, 304 with ConditionalGet
use Rack::ConditionalGet
use Rack::Cors do
  allow do
    origins 'localhost:3000', /\Ahttps:\/\/.*\.example\.com\z/
    resource '/notes', headers: :any, methods: %i[get post], max_age: 600
  end
end

map '/admin' do
  use Rack::Auth::Basic, 'Admin' do |user, password|
    Rack::Utils.secure_compare(user, 'admin') && Rack::Utils.secure_compare(password, ENV.fetch('ADMIN_PASSWORD', 'secret'))
  end
  run Admin
end

map('/health') { run ->(_env) { [200, { 'content-type' => 'text/plain' }, ['ok']] } }

run Api
