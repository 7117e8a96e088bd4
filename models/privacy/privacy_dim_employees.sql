{{ privacy_model('dim_employees') }}
