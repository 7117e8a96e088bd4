{{ privacy_model('rpt_seller_performance') }}
