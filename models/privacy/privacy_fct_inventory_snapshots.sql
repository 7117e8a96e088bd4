{{ privacy_model('fct_inventory_snapshots') }}
