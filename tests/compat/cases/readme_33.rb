# compat: readme/modular_style  (source: sinatra test/readme_test.rb "Modular vs classic style: a Sinatra::Base subclass")
#
# request: GET /
# expect-status: 200
# expect-body: Hello world!
require 'sinatra/base'
class MyApp < Sinatra::Base
  get '/' do
    'Hello world!'
  end
end
run MyApp
