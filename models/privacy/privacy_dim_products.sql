{{ privacy_model('dim_products') }}
