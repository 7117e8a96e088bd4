{{ privacy_model('dim_sellers') }}
