{{ privacy_model('fct_sales') }}
