# compat: extensions/register_class_methods  (source: sinatra test/extensions_test.rb "will add the methods to the DSL for the class in which you register them")
#
# request: GET /foo
# expect-status: 200
# expect-body: from foo extension
module FooExtensions
  def foo
    get('/foo') { 'from foo extension' }
  end
end
register FooExtensions
foo
