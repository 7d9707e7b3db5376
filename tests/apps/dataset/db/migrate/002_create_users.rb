# A Sequel migration file, unchanged.
Sequel.migration do
  up do
    create_table(:users) do
      primary_key :id
      String :name, null: false
      Integer :age
      TrueClass :active, default: true
      DateTime :created_at, default: Sequel::CURRENT_TIMESTAMP
      foreign_key :org_id, :orgs, on_delete: :cascade
      index :name
    end
  end

  down do
    drop_table(:users)
  end
end
