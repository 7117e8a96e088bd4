{{ privacy_model('rpt_employee_sales_performance') }}
