{{ privacy_model('dim_dates') }}
