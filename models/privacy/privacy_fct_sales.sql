{{ privacy_model('fct_sales', groups=['dim_customers', 'dim_employees']) }}
