{{ privacy_model('dim_stores') }}
