{{ privacy_model('rpt_customer_cohorts') }}
