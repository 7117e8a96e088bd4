{{ privacy_model('rpt_sales_by_category_season') }}
