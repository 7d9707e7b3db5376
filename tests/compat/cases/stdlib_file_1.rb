# compat: stdlib/file_paths  (source: apps build paths from __FILE__ and File)
#
# request: GET /
# expect-status: 200
# expect-body: stdlib_file_1|.rb|true
get('/') { [File.basename(__FILE__, '.rb'), File.extname(__FILE__), File.exist?(__FILE__)].join('|') }
