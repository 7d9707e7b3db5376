# compat: settings/set_symbol_value  (source: sinatra test/settings_test.rb "settings can hold symbols, integers and false")
#
# request: GET /
# expect-status: 200
# expect-body: :yes 42 false
set :sym, :yes
set :int, 42
set :off, false
get('/') { [settings.sym.inspect, settings.int, settings.off.inspect].join(' ') }
