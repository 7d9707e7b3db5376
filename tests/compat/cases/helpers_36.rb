# compat: helpers/attachment_inline  (source: sinatra test/helpers_test.rb "attachment with the inline disposition")
#
# request: GET /
# expect-status: 200
# expect-body: data
# expect-header: Content-Disposition: inline; filename="a.txt"
# expect-header: Content-Type: text/plain;charset=utf-8
get('/') do
  attachment 'a.txt', :inline
  'data'
end
