# compat: helpers/attachment_no_filename  (source: sinatra test/helpers_test.rb "attachment without a filename")
#
# request: GET /
# expect-status: 200
# expect-body: data
# expect-header: Content-Disposition: attachment
get('/') do
  attachment
  'data'
end
