{{ privacy_model('rpt_inventory_turnover') }}
