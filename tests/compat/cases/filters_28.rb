# compat: filters/before_provides  (source: sinatra test/filter_test.rb "only triggers provides condition if conforms with current Content-Type")
#
# request: GET /
# request-header: Accept: */*
# expect-status: 200
# expect-body: txt
before(:provides => :txt)  { @type = 'txt' }
before(:provides => :html) { @type = 'html' }
get('/') { @type }
