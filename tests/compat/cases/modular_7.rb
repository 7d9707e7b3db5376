# compat: modular/helpers_in_class  (source: sinatra test/base_test.rb "helpers in a modular app")
#
# request: GET /hey
# expect-status: 200
# expect-body: HEY
class App < Sinatra::Base
  helpers do
    def shout(s) = s.upcase
  end
  get('/:w') { shout(params[:w]) }
end
run App
