Kiln.migration do
  change do
    create_table(:orgs) do
      primary_key :id
      String :name, null: false, unique: true
    end
  end
end
