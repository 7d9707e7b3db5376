# `require 'sinatra/reloader'` (sinatra-contrib): every `kiln build` /
# `kiln dev` rebuild starts a fresh isolate, so there is nothing to reload.
# `register Sinatra::Reloader`, also_reload, dont_reload and after_reload
# are accepted and do nothing.
module Sinatra
  module Reloader
    def self.registered(_app) end

    def also_reload(*) end
    def dont_reload(*) end
    def after_reload(*) end
  end
end
