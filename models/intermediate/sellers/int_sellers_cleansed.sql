{#- One row per seller version: duplicates collapsed, spelling noise undone,
    impossible commission rates (100% or more) nulled, and gaps filled from the
    seller's other versions (everything but the commission is stable), the
    brand name from the products the seller supplies. -#}
with

stg_raw__sellers as (
    select * from {{ ref('stg_raw__sellers') }}
),

int_products_cleansed as (
    select * from {{ ref('int_products_cleansed') }}
),

keyed as (
    {{ first_copy('stg_raw__sellers', 'seller_id') }}
),

single as (
    select
        seller_id,
        company_name,
        brand_name,
        contact_first_name,
        contact_last_name,
        contact_email,
        contact_phone,
        country,
        brand_tier,
        onboarded_date,
        updated_at,
        is_commission_rate_invalid,
        case when not is_commission_rate_invalid then commission_rate end
            as commission_rate
    from keyed
),

spelled as (
    select
        {{ star_except('single', [
            'company_name', 'brand_name', 'contact_first_name', 'contact_last_name'
        ]) }},
        {{ restore_spelling('company_name', 'single') }} as company_name,
        {{ restore_spelling('brand_name', 'single') }} as brand_name,
        {{ restore_spelling('contact_first_name', 'single') }} as contact_first_name,
        {{ restore_spelling('contact_last_name', 'single') }} as contact_last_name
    from single
),

product_brands as (
    select
        seller_id,
        mode(brand) as product_brand
    from int_products_cleansed
    where seller_id > 0
    group by seller_id
),

versions as (
    select
        spelled.*,
        {%- for column in ['company_name', 'brand_name', 'contact_first_name',
                           'contact_last_name', 'contact_email', 'contact_phone',
                           'country', 'brand_tier', 'onboarded_date'] %}
        {{ first_non_null(column) }} over all_versions as any_{{ column }}
        {{- "," if not loop.last }}
    {%- endfor %}
    from spelled
    window all_versions as (
        partition by seller_id order by updated_at
        rows between unbounded preceding and unbounded following
    )
),

final as (
    select
        versions.seller_id,
        versions.commission_rate,
        versions.updated_at,
        versions.is_commission_rate_invalid,
        coalesce(versions.company_name, versions.any_company_name) as company_name,
        coalesce(
            versions.brand_name, versions.any_brand_name, product_brands.product_brand
        ) as brand_name,
        coalesce(versions.contact_first_name, versions.any_contact_first_name)
            as contact_first_name,
        coalesce(versions.contact_last_name, versions.any_contact_last_name)
            as contact_last_name,
        coalesce(versions.contact_email, versions.any_contact_email) as contact_email,
        coalesce(versions.contact_phone, versions.any_contact_phone) as contact_phone,
        coalesce(versions.country, versions.any_country) as country,
        coalesce(versions.brand_tier, versions.any_brand_tier) as brand_tier,
        coalesce(versions.onboarded_date, versions.any_onboarded_date)
            as onboarded_date
    from versions
    left join product_brands on versions.seller_id = product_brands.seller_id
)

select * from final
