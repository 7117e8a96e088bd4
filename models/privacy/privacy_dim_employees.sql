{{ privacy_model('dim_employees', referenced_by=['fct_sales']) }}
