{{ privacy_model('dim_customers', referenced_by=['fct_sales']) }}
